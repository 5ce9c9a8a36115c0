import { QueryClient } from '@tanstack/react-query';
import { CanisterError } from './canister-error';

export function createQueryClient(): QueryClient {
    return new QueryClient({
        defaultOptions: {
            queries: {
                staleTime: 10_000,
                refetchOnWindowFocus: true,
                // A canister's Err is an answer, not a glitch: do not retry it.
                retry: (count, error) => !(error instanceof CanisterError) && count < 2
            },
            mutations: { retry: false }
        }
    });
}
