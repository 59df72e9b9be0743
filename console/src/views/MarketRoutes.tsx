import type { ReactNode } from 'react';
import { match } from '../lib/router';
import { Navigation } from './Navigation';
import { ProjectDetail } from './NavigationProjects';
import { ListingDetail, Listings } from './Listings';
import { DemandDetail, Demands } from './Demands';
import { Feed } from './Feed';

export type MarketMenuLabel = 'navigation' | 'listings' | 'demands' | 'feed';

/**
 * The navigation and technology-market entries of the menu (issue 14): the landscape for every party key (its
 * operations amounts follow the disclosure rule), projects inside it for operators; listings for everyone (holders and
 * centers list); demands and the feed for any party. The admin has no party: it gets the landscape and listings.
 */
export function marketMenu(hasParty: boolean): { key: string; label: MarketMenuLabel }[] {
  const items: { key: string; label: MarketMenuLabel }[] = [{ key: '/navigation', label: 'navigation' }, { key: '/listings', label: 'listings' }];
  if (hasParty) items.push({ key: '/demands', label: 'demands' }, { key: '/feed', label: 'feed' });
  return items;
}

/** The views of those entries, or null for a path that is not theirs. */
export function marketRoute(path: string): ReactNode | null {
  let m: Record<string, string> | null;
  if ((m = match('/navigation/projects/:id', path))) return <ProjectDetail id={m.id} />;
  if ((m = match('/listings/:id', path))) return <ListingDetail id={m.id} />;
  if ((m = match('/demands/:id', path))) return <DemandDetail id={m.id} />;
  switch (path) {
    case '/navigation': return <Navigation />;
    case '/listings': return <Listings />;
    case '/demands': return <Demands />;
    case '/feed': return <Feed />;
  }
  return null;
}
