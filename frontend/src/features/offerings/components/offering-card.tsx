import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import type { Offering } from '../types';
import { OfferingSpecs } from './offering-specs';

/** A listing; the trust badge and price come from the caller (composition at the route). */
export function OfferingCard({ offering, price, badge, headingLevel = 2 }: { offering: Offering; price: ReactNode; badge: ReactNode; headingLevel?: 2 | 3 }) {
    const H = headingLevel === 2 ? 'h2' : 'h3';
    const soldOut = offering.inUse >= offering.stock;
    return (
        <article className="card offering-card" aria-labelledby={`offering-${offering.id}`}>
            <div className="row" style={{ justifyContent: 'space-between' }}>
                <H id={`offering-${offering.id}`}>
                    <Link to={paths.offering.href(offering.id)}>{offering.name}</Link>
                </H>
                {badge}
            </div>
            <p className="muted" style={{ margin: 0 }}>
                by <Link to={paths.providerProfile.href(offering.provider)}>{offering.providerName ?? offering.provider}</Link>
            </p>
            <OfferingSpecs o={offering} />
            <p className="price">
                {price} <span className="muted" style={{ fontWeight: 400, fontSize: '0.9rem' }}>/ month</span>
            </p>
            <p className="muted" style={{ margin: 0, fontSize: '0.88rem' }}>
                {soldOut ? 'Out of stock' : `${offering.stock - offering.inUse} of ${offering.stock} available`}
            </p>
        </article>
    );
}
