import type { HTMLAttributes, ReactNode } from 'react';

export function Card({ title, actions, children, className, headingLevel = 2, ...rest }: HTMLAttributes<HTMLElement> & { title?: ReactNode; actions?: ReactNode; headingLevel?: 2 | 3 }) {
    const H = headingLevel === 2 ? 'h2' : 'h3';
    return (
        <section className={['card', className ?? ''].join(' ').trim()} {...rest}>
            {(title !== undefined || actions !== undefined) && (
                <header className="card-header">
                    {title !== undefined && <H className="card-title">{title}</H>}
                    {actions}
                </header>
            )}
            {children}
        </section>
    );
}
