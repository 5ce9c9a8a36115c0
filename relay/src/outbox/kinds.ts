/** Every job kind the relay stores, in one place. */
export const JobKind = {
    conversationEvent: 'canister.conversation_event',
    uptimeMinute: 'canister.uptime_minute',
    benchmarkReport: 'canister.benchmark_report',
    icpayPayment: 'icpay.payment',
    chatwootEvent: 'chatwoot.event',
    chatwootAgent: 'chatwoot.agent',
    chatwootBind: 'chatwoot.bind',
    chatwootReply: 'chatwoot.reply',
    chatwootNotice: 'chatwoot.notice',
    helpbotAnswer: 'helpbot.answer',
    notify: 'notify.send',
    notifyChannel: 'notify.channel'
} as const;
export type JobKind = (typeof JobKind)[keyof typeof JobKind];
