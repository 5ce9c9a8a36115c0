import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './spinner';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
    variant?: Variant;
    size?: 'sm' | 'md';
    isLoading?: boolean;
}

export function Button({ variant = 'primary', size = 'md', isLoading = false, disabled, children, className, type, ...rest }: ButtonProps) {
    return (
        <button
            type={type ?? 'button'}
            className={['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].join(' ').trim()}
            disabled={disabled === true || isLoading}
            aria-busy={isLoading || undefined}
            {...rest}
        >
            {isLoading && <Spinner size="sm" label="" />}
            {children}
        </button>
    );
}
