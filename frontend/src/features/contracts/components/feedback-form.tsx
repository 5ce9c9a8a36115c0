import { useState } from 'react';
import { Alert, Button, FieldError, YesNoField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';

/** The two-question survey, once per ended contract. */
export function FeedbackForm({ onSubmit, isPending, error }: { onSubmit: (a: { matchedDescription: boolean; wouldRentAgain: boolean }) => void; isPending: boolean; error: unknown }) {
    const [matched, setMatched] = useState<boolean>();
    const [again, setAgain] = useState<boolean>();
    const [touched, setTouched] = useState(false);
    const incomplete = matched === undefined || again === undefined;
    return (
        <form
            aria-label="Feedback"
            onSubmit={(e) => {
                e.preventDefault();
                setTouched(true);
                if (!incomplete) onSubmit({ matchedDescription: matched, wouldRentAgain: again });
            }}
        >
            <YesNoField legend="Did the service match the description?" name="matched" value={matched} onChange={setMatched} />
            <YesNoField legend="Would you rent from this provider again?" name="again" value={again} onChange={setAgain} />
            {touched && incomplete && <FieldError>Answer both questions.</FieldError>}
            {error !== null && error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
            <Button type="submit" isLoading={isPending}>
                Send feedback
            </Button>
        </form>
    );
}
