/** The marketplace's account at the local ICPay canister (devstack's LOCAL_ICPAY.accountCanisterId). */
export const LOCAL_ICPAY_ACCOUNT = 1n;
