import { Badge } from '@/components/ui';
import { statusLabel, statusTone, type Status } from '../types';

export function StatusBadge({ status }: { status: Status }) {
    return (
        <Badge tone={statusTone(status)}>
            <span data-testid="contract-status">{statusLabel[status]}</span>
        </Badge>
    );
}
