import { useState } from 'react';
import { Alert, Button, InputField, TextareaField } from '@/components/ui';
import { errorMessage } from '@/lib/canister-error';
import type { ProviderProfile } from '../types';

export interface ProfileInput {
    name: string;
    description: string;
    website: string;
    contactEmail: string;
}

export function ProfileForm({ profile, onSubmit, isPending, error, saved }: { profile: ProviderProfile | undefined; onSubmit: (p: ProfileInput) => void; isPending: boolean; error: unknown; saved: boolean }) {
    const [v, setV] = useState<ProfileInput>({
        name: profile?.name ?? '',
        description: profile?.description ?? '',
        website: profile?.website ?? '',
        contactEmail: profile?.contacts.find((c) => c.kind === 'email')?.value ?? ''
    });
    const [touched, setTouched] = useState(false);
    const nameError = v.name.trim().length === 0 ? 'A name is required.' : undefined;
    return (
        <form
            aria-label="Provider profile"
            onSubmit={(e) => {
                e.preventDefault();
                setTouched(true);
                if (nameError === undefined) onSubmit(v);
            }}
        >
            <InputField label="Name" required value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} error={touched ? nameError : undefined} />
            <TextareaField label="Description" rows={3} value={v.description} onChange={(e) => setV({ ...v, description: e.target.value })} />
            <InputField label="Website" type="url" value={v.website} onChange={(e) => setV({ ...v, website: e.target.value })} placeholder="https://" />
            <InputField
                label="Public contact e-mail"
                type="email"
                value={v.contactEmail}
                onChange={(e) => setV({ ...v, contactEmail: e.target.value })}
                hint="Providers without public contact information get a trust penalty."
            />
            {error !== null && error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
            {saved && <Alert tone="success">Profile saved.</Alert>}
            <Button type="submit" isLoading={isPending}>
                {profile === undefined ? 'Register as a provider' : 'Save profile'}
            </Button>
        </form>
    );
}
