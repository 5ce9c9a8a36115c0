import { useState } from 'react';
import { Button, FieldError } from '@/components/ui';
import { useAuth } from '@/lib/auth';
import { chatConfigured, openContractChat } from './chatwoot-widget';

export function ChatButton({ contractId, label = 'Chat with the provider' }: { contractId: bigint; label?: string }) {
    const [error, setError] = useState<string>();
    const { identity } = useAuth();
    if (!chatConfigured()) {
        return <p className="muted">Chat is not configured on this deployment.</p>;
    }
    return (
        <div>
            <Button variant="secondary" onClick={() => openContractChat(contractId, identity).catch((e: Error) => setError(e.message))}>
                {label}
            </Button>
            {error && <FieldError>{error}</FieldError>}
        </div>
    );
}
