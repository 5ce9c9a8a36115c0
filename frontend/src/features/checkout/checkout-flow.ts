/**
 * Checkout as a flow object (after Internet Identity's authFlow): a fixed set of named views and
 * methods that move between them. Components only render `state.view`. Side effects are injected
 * (`CheckoutDeps`), so the flow is tested without a network.
 */
import { CanisterError, errorMessage, isCanisterError } from '@/lib/canister-error';
import { orderSummary, timePriceFor, type OrderSummary, type PaymentMethod } from '@/lib/money';

export type { PaymentMethod };

export type CheckoutView =
    | 'configure' // choose duration and payment method
    | 'warning' // low trust or a critical flag: the tenant must acknowledge before going on
    | 'review' // price breakdown, confirm
    | 'requesting' // creating the contract (price quote) in the marketplace canister
    | 'approving' // ICRC-2 approve: the marketplace may pull the amount from the wallet
    | 'renting' // one call: the marketplace creates the contract and pulls the approved payment (nothing is held unpaid)
    | 'funding' // the marketplace pulls the money into escrow
    | 'icpay' // paying through ICPay; the relay credits the escrow after verification
    | 'done'
    | 'error';

export type ProgressStep = 'requesting' | 'approving' | 'renting' | 'funding' | 'icpay';

export interface Quote {
    hours: number;
    /** Price of the time bought, setup fee included, in token base units. */
    amount: bigint;
    setupFee: bigint;
}

export interface CheckoutDeps {
    /** Creates the contract unpaid (ICPay, extensions); returns its id and the amount due. */
    requestContract(hours: number): Promise<{ contractId: bigint; due: bigint }>;
    /**
     * A new rental paid from the wallet: the contract is created and the approved amount pulled in
     * one call (`rentOffering`); resolves with the paid contract. Absent for extensions.
     */
    rent?(hours: number): Promise<{ contractId: bigint; due: bigint }>;
    /** ICRC-2 approve for the marketplace: `amount` is what the canister will pull (fee added by the caller). */
    approve(amount: bigint): Promise<void>;
    /** Asks the marketplace to pull the approved amount into escrow. */
    fund(contractId: bigint): Promise<void>;
    /** Pays through ICPay; resolves once the escrow is credited. */
    payWithIcpay?(contractId: bigint, amount: bigint): Promise<void>;
    /** Wallet balance, to warn before approving what cannot be paid. */
    balance?(): Promise<bigint>;
    /** The contract's amount due now (undefined: nothing due), re-read before approving, so a stale page never pays an approval fee for nothing. */
    currentDue?(contractId: bigint): Promise<bigint | undefined>;
}

export interface CheckoutOptions {
    pricePerMonth: bigint;
    setupFee: bigint;
    minHours: number;
    maxHours: number;
    /** Ledger fee per transfer (approve and transfer_from each cost one). */
    ledgerFee: bigint;
    /** Set when the provider's trust is low or a critical flag is raised. */
    trustWarning: string[] | undefined;
    icpayAvailable: boolean;
    /** The duration first offered (default: 30 days, within the limits). */
    initialHours?: number;
    /** Platform fee in basis points, shown in the order summary (paid out of the provider's releases). */
    feeBps?: number;
    /**
     * Resume an unpaid contract (an interrupted payment or extension): starts at review with this
     * contract and its amount due; no new contract or quote is created.
     */
    resume?: { contractId: bigint; hours: number; due: bigint };
}

export interface CheckoutState {
    view: CheckoutView;
    hours: number;
    method: PaymentMethod;
    quote: Quote;
    warningAcknowledged: boolean;
    contractId: bigint | undefined;
    /** The step that failed, so retry resumes there without creating a second contract. */
    failedStep: ProgressStep | undefined;
    error: { message: string; type: string | undefined } | undefined;
    /** Steps finished, in order, for the progress list. */
    completed: ProgressStep[];
    /** Shown on review when the canister's quote differs from what was displayed. */
    notice?: string;
}

export function quoteFor(pricePerMonth: bigint, setupFee: bigint, hours: number): Quote {
    const whole = Number.isInteger(hours) && hours > 0 ? hours : 0;
    return { hours, amount: timePriceFor(pricePerMonth, whole) + setupFee, setupFee };
}

/** The steps of a payment; a new wallet rental is approve + one call that creates and pays the contract. */
export function stepsFor(method: PaymentMethod, rent = false): ProgressStep[] {
    if (method !== 'wallet') return ['requesting', 'icpay'];
    return rent ? ['approving', 'renting'] : ['requesting', 'approving', 'funding'];
}

export class CheckoutFlow {
    private state: CheckoutState;
    private listeners = new Set<() => void>();
    private running = false;

    constructor(
        private readonly opts: CheckoutOptions,
        private readonly deps: CheckoutDeps
    ) {
        const r = opts.resume;
        const hours = r?.hours ?? Math.max(opts.minHours, Math.min(opts.maxHours, opts.initialHours ?? 24 * 30));
        this.state = {
            view: r === undefined ? 'configure' : 'review',
            hours,
            method: 'wallet',
            quote: r === undefined ? quoteFor(opts.pricePerMonth, opts.setupFee, hours) : { hours, amount: r.due, setupFee: opts.setupFee },
            warningAcknowledged: r !== undefined,
            contractId: r?.contractId,
            failedStep: undefined,
            error: undefined,
            completed: []
        };
    }

    subscribe = (fn: () => void): (() => void) => {
        this.listeners.add(fn);
        return () => this.listeners.delete(fn);
    };

    getSnapshot = (): CheckoutState => this.state;

    private set(patch: Partial<CheckoutState>): void {
        this.state = { ...this.state, ...patch };
        for (const l of this.listeners) l();
    }

    /** Every line of the order: price, setup fee, platform fee, ledger fees, total leaving the wallet. */
    summary(method: PaymentMethod = this.state.method): OrderSummary {
        const q = this.state.quote;
        return orderSummary({
            pricePerMonth: this.opts.pricePerMonth,
            setupFee: q.setupFee,
            hours: q.hours,
            feeBps: this.opts.feeBps ?? 0,
            ledgerFee: this.opts.ledgerFee,
            method,
            price: q.amount
        });
    }

    /** Total the wallet needs: the price, the approve fee, and the transfer_from fee. */
    walletTotal(): bigint {
        return this.summary('wallet').total;
    }

    /** A resumed payment pays an existing contract: no duration to choose, nothing to create. */
    isResume(): boolean {
        return this.opts.resume !== undefined;
    }

    hoursError(hours: number = this.state.hours): string | undefined {
        if (!Number.isInteger(hours) || hours <= 0) return 'Enter a whole number of hours.';
        if (hours < this.opts.minHours) return `The provider rents for at least ${this.opts.minHours} hours.`;
        if (hours > this.opts.maxHours) return `The provider rents for at most ${this.opts.maxHours} hours.`;
        return undefined;
    }

    /** Keeps what was typed (1.5 stays 1.5 and is refused by `hoursError`, never silently cut to 1). */
    setHours(hours: number): void {
        if (this.state.view !== 'configure') return;
        const h = Number.isFinite(hours) ? hours : 0;
        this.set({ hours: h, quote: quoteFor(this.opts.pricePerMonth, this.opts.setupFee, h) });
    }

    setMethod(method: PaymentMethod): void {
        if (this.state.view !== 'configure') return;
        if (method === 'icpay' && !this.opts.icpayAvailable) return;
        this.set({ method });
    }

    /** configure → warning (if trust is low and not yet acknowledged) → review. */
    next(): void {
        if (this.state.view === 'configure') {
            if (this.hoursError() !== undefined) return;
            if (this.opts.trustWarning !== undefined && !this.state.warningAcknowledged) this.set({ view: 'warning' });
            else this.set({ view: 'review' });
        } else if (this.state.view === 'warning' && this.state.warningAcknowledged) {
            this.set({ view: 'review' });
        }
    }

    acknowledgeWarning(ack = true): void {
        if (this.state.view === 'warning') this.set({ warningAcknowledged: ack });
    }

    back(): void {
        const v = this.state.view;
        if (this.isResume()) return;
        if (v === 'warning' || v === 'review') this.set({ view: 'configure' });
        else if (v === 'error' && this.state.contractId === undefined) this.set({ view: 'configure', error: undefined, failedStep: undefined });
    }

    /** Runs the payment steps from review, or resumes from the failed step after an error. */
    async confirm(): Promise<void> {
        if (this.running) return;
        if (this.state.view !== 'review' && this.state.view !== 'error') return;
        this.running = true;
        const steps = this.steps();
        const startAt = this.state.failedStep !== undefined ? steps.indexOf(this.state.failedStep) : 0;
        this.set({ error: undefined, notice: undefined, failedStep: undefined, completed: steps.slice(0, Math.max(0, startAt)) });
        try {
            for (const step of steps.slice(Math.max(0, startAt))) {
                this.set({ view: step });
                try {
                    await this.run(step);
                } catch (e) {
                    if (e instanceof PriceChanged) {
                        this.set({ view: 'review', completed: [], notice: 'The price changed since you opened this page; check the new total and confirm again.' });
                        return;
                    }
                    this.set({
                        view: 'error',
                        failedStep: step,
                        error: { message: explain(step, e), type: isCanisterError(e) ? e.type : undefined }
                    });
                    return;
                }
                this.set({ completed: [...this.state.completed, step] });
            }
            this.set({ view: 'done' });
        } finally {
            this.running = false;
        }
    }

    /** This checkout's steps: a new wallet rental (not a resumed contract) pays in one call when the deps can. */
    steps(method: PaymentMethod = this.state.method): ProgressStep[] {
        return stepsFor(method, this.deps.rent !== undefined && !this.isResume());
    }

    retry(): Promise<void> {
        return this.confirm();
    }

    private async run(step: ProgressStep): Promise<void> {
        switch (step) {
            case 'requesting': {
                if (this.state.contractId !== undefined) return;
                const { contractId, due } = await this.deps.requestContract(this.state.hours);
                const shown = this.state.quote.amount;
                this.set({ contractId, quote: { ...this.state.quote, amount: due } });
                // Never charge more than the tenant confirmed: a different quote goes back to review.
                if (due !== shown) throw new PriceChanged(shown, due);
                return;
            }
            case 'approving': {
                // A new rental has no contract yet: the allowance caps what the canister may pull.
                if (this.state.contractId !== undefined) await this.checkDue();
                if (this.deps.balance !== undefined) {
                    const balance = await this.deps.balance();
                    if (balance < this.walletTotal()) throw new InsufficientWalletBalance(balance, this.walletTotal());
                }
                // transfer_from consumes amount + fee of the allowance.
                await this.deps.approve(this.state.quote.amount + this.opts.ledgerFee);
                return;
            }
            case 'renting': {
                if (this.deps.rent === undefined) throw new Error('Renting in one call is not available.');
                const { contractId, due } = await this.deps.rent(this.state.hours);
                this.set({ contractId, quote: { ...this.state.quote, amount: due } });
                return;
            }
            case 'funding':
                await this.deps.fund(this.requireContract());
                return;
            case 'icpay':
                if (this.deps.payWithIcpay === undefined) throw new Error('ICPay is not configured.');
                await this.checkDue();
                await this.deps.payWithIcpay(this.requireContract(), this.state.quote.amount);
                return;
        }
    }

    /** Before money moves: the contract still owes exactly what the tenant confirmed. */
    private async checkDue(): Promise<void> {
        if (this.deps.currentDue === undefined) return;
        const id = this.requireContract();
        const due = await this.deps.currentDue(id);
        if (due === undefined || due === 0n) throw new CanisterError('NothingDue', { contractId: id }, 'fund');
        if (due !== this.state.quote.amount) {
            const shown = this.state.quote.amount;
            this.set({ quote: { ...this.state.quote, amount: due } });
            throw new PriceChanged(shown, due);
        }
    }

    private requireContract(): bigint {
        if (this.state.contractId === undefined) throw new Error('No contract yet.');
        return this.state.contractId;
    }
}

class PriceChanged extends Error {
    constructor(
        readonly shown: bigint,
        readonly due: bigint
    ) {
        super('price changed');
    }
}

export class InsufficientWalletBalance extends Error {
    override name = 'InsufficientWalletBalance';
    constructor(
        public readonly balance: bigint,
        public readonly required: bigint
    ) {
        super('Your wallet balance does not cover the price and the ledger fees.');
    }
}

const stepLabel: Record<ProgressStep, string> = {
    requesting: 'Creating the contract',
    approving: 'Approving the payment in your wallet',
    renting: 'Creating the contract and moving the payment into escrow',
    funding: 'Moving the payment into escrow',
    icpay: 'Paying with ICPay'
};

export function stepTitle(step: ProgressStep): string {
    return stepLabel[step];
}

function explain(step: ProgressStep, e: unknown): string {
    const msg = errorMessage(e);
    return `${stepLabel[step]} failed: ${msg}`;
}
