import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { AuthProvider, type AuthState } from '@/lib/auth';
import { createQueryClient } from '@/lib/query-client';

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | undefined }> {
    override state = { error: undefined as Error | undefined };
    static getDerivedStateFromError(error: Error) {
        return { error };
    }
    override componentDidCatch(error: Error, info: ErrorInfo) {
        console.error(error, info.componentStack);
    }
    override render() {
        if (this.state.error !== undefined) {
            return (
                <main>
                    <div className="alert alert-error" role="alert">
                        <div>
                            <p className="alert-title">Something went wrong</p>
                            <p>{this.state.error.message}</p>
                            <button type="button" className="btn btn-secondary" onClick={() => window.location.assign('/')}>
                                Reload the marketplace
                            </button>
                        </div>
                    </div>
                </main>
            );
        }
        return this.props.children;
    }
}

export function AppProvider({ children, queryClient, auth }: { children: ReactNode; queryClient?: QueryClient; auth?: Partial<AuthState> }) {
    const [client] = useState(() => queryClient ?? createQueryClient());
    return (
        <ErrorBoundary>
            <QueryClientProvider client={client}>
                <AuthProvider initial={auth}>{children}</AuthProvider>
            </QueryClientProvider>
        </ErrorBoundary>
    );
}
