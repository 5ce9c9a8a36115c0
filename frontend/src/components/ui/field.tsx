import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldShell {
    label: ReactNode;
    hint?: ReactNode;
    error?: string;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
    return (
        <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={id}>{label}</label>
            {children}
            {hint && (
                <p className="field-hint" id={`${id}-hint`}>
                    {hint}
                </p>
            )}
            {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
        </div>
    );
}

/** An error message next to what it is about, announced when it appears. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
    return (
        <p className="field-error" id={id} role="alert">
            {children}
        </p>
    );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return ids || undefined;
}

export function InputField({ label, hint, error, id: given, ...rest }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
    const auto = useId();
    const id = given ?? auto;
    return (
        <Shell id={id} label={label} hint={hint} error={error}>
            <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
        </Shell>
    );
}

export function SelectField({ label, hint, error, id: given, children, ...rest }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
    const auto = useId();
    const id = given ?? auto;
    return (
        <Shell id={id} label={label} hint={hint} error={error}>
            <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest}>
                {children}
            </select>
        </Shell>
    );
}

export function TextareaField({ label, hint, error, id: given, ...rest }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
    const auto = useId();
    const id = given ?? auto;
    return (
        <Shell id={id} label={label} hint={hint} error={error}>
            <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
        </Shell>
    );
}

/** A yes/no question as two radio buttons in a fieldset. */
export function YesNoField({ legend, name, value, onChange }: { legend: ReactNode; name: string; value: boolean | undefined; onChange: (v: boolean) => void }) {
    return (
        <fieldset className="field yes-no">
            <legend>{legend}</legend>
            <label>
                <input type="radio" name={name} checked={value === true} onChange={() => onChange(true)} /> Yes
            </label>
            <label>
                <input type="radio" name={name} checked={value === false} onChange={() => onChange(false)} /> No
            </label>
        </fieldset>
    );
}
