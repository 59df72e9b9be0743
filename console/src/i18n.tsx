import { createContext, useContext, useState, type ReactNode } from 'react';
import { zh, en, type Messages } from './messages';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'pnm.lang';
const dictionaries: Record<Lang, Messages> = { zh, en };

const Ctx = createContext<{ lang: Lang; t: Messages; setLang: (l: Lang) => void }>({ lang: 'zh', t: zh, setLang: () => {} });

/** 中文 is the default; the choice is remembered in local storage (it is no secret). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => { localStorage.setItem(LANG_KEY, l); setLangState(l); };
  return <Ctx.Provider value={{ lang, t: dictionaries[lang], setLang }}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
