import { createContext, useContext } from 'react';
import type { Schema } from './api/client';

export type Me = Schema<'WhoAmIResponse'>;
export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext)!;
export const hasRole = (me: Me, role: string) => me.roles.includes(role as never) || me.roles.includes('admin' as never);
