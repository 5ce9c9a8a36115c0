export function Spinner({ size = 'md', label = 'Loading…' }: { size?: 'sm' | 'md'; label?: string }) {
    return (
        <span className={`spinner spinner-${size}`} role={label ? 'status' : undefined}>
            <span className="spinner-circle" aria-hidden="true" />
            {label && <span className="visually-hidden">{label}</span>}
        </span>
    );
}

export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
    return (
        <div className="page-spinner">
            <Spinner label={label} />
        </div>
    );
}
