// The local Help Center (Chatwoot portal `help`) the relay's help bot answers from in `npm start`.
// Each article states one product rule, as the canister applies it.
export const HELP_CENTER = [
    {
        slug: 'how-escrow-works',
        title: 'How escrow works',
        description: 'Where your payment is kept and when the provider gets it.',
        content:
            'When you rent a server, your payment goes into escrow held by the marketplace canister, not to the provider. ' +
            'The provider is paid for the time already delivered: the canister releases the earned part every day (every hour for contracts under two days). ' +
            'Providers withdraw released money whenever they like. The rest stays in escrow until it is earned or refunded to you.'
    },
    {
        slug: 'refunds-and-cancellation',
        title: 'Refunds when you cancel a contract',
        description: 'Cancel at any time; the unused time is refunded at once.',
        content:
            'You can cancel a contract at any time from My contracts. The contract is settled to the minute you cancel: the provider keeps what was earned until then, ' +
            'and the unused remainder of your payment is refunded to your wallet at once. The refund preview on the contract page shows the amount before you confirm. ' +
            'If the provider rejects your request, never answers it, or cannot provision the server, you get a full refund.'
    },
    {
        slug: 'sla-credits',
        title: 'Downtime and SLA credits',
        description: 'What you get back when uptime falls below the promised target.',
        content:
            'Independent monitors measure your server every minute. Each day, if uptime is below the offering\'s SLA target, you receive an SLA credit from escrow: ' +
            '10 % of the day\'s price within one percentage point of the target, 30 % within five points, and the whole day\'s price below that. ' +
            'Credits are paid automatically; the contract page lists them day by day.'
    },
    {
        slug: 'trust-score',
        title: 'How the trust score is computed',
        description: 'What the 0 to 100 score of a provider means.',
        content:
            'Every provider has a trust score from 0 to 100 built from measured uptime, chat responsiveness, feedback from tenants after their contracts, and independent benchmarks that check the advertised specs. ' +
            'A new provider starts at 60 and moves as evidence accumulates. Red flags such as long silences, failed deliveries or specs that do not match are shown with an explanation on the offering page.'
    },
    {
        slug: 'paying',
        title: 'Paying for a contract',
        description: 'Pay from your wallet or with ICPay.',
        content:
            'You can pay from your wallet: you approve the amount once and the marketplace pulls exactly the price into escrow. ' +
            'Or pay with ICPay, which confirms the payment to the marketplace; the contract shows as paid once the payment is verified, usually within seconds. ' +
            'Either way the money is held in escrow and the provider is asked to accept your request.'
    },
    {
        slug: 'server-access',
        title: 'Getting access to your server',
        description: 'When and where you find the login details.',
        content:
            'After the provider accepts your request and provisions the server, the contract page shows the access details the provider entered, such as the address and how to log in. ' +
            'Time is only charged from provisioning on. If nothing happens, write to the provider in this chat; your message starts the provider\'s response clock.'
    }
];
