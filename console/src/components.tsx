import { useEffect, useRef, useState, useCallback } from 'react';
import * as echarts from 'echarts';
import { Alert, Tag, type FormInstance } from 'antd';
import { ProblemError, fieldErrors } from './lib/problem';
import { useI18n } from './i18n';
import { api, call } from './api/client';

/** An ECharts chart; `option` is replaced whole on every change. */
export function Chart({ option, height = 300, testId }: { option: echarts.EChartsOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    chart.current = echarts.init(ref.current!);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.current?.dispose(); };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}

/** Loads data and reloads on `deps` or reload(); errors are the server's problems. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ProblemError | Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then((d) => { if (live) { setData(d); setError(null); } })
      .catch((e) => { if (live) setError(e); })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export function LoadError({ error }: { error: Error | null }) {
  if (!error) return null;
  const detail = error instanceof ProblemError ? `${error.problem.code ?? error.problem.status}: ${error.message}` : error.message;
  return <Alert type="error" showIcon message={detail} style={{ marginBottom: 16 }} />;
}

/**
 * Puts a refused request's problem on the form: the field it names shows the detail; anything else
 * comes back as text for an alert above the form.
 */
export function showProblem(form: FormInstance, e: unknown, fields: string[]): string | null {
  if (!(e instanceof ProblemError)) return e instanceof Error ? e.message : String(e);
  const { fields: named, rest } = fieldErrors(e.problem, fields);
  form.setFields(named.map((f) => ({ name: f.name as (string | number)[], errors: f.errors })));
  return rest;
}

const colours: Record<string, string> = { paid: 'green', open: 'blue', overdue: 'red', active: 'green', completed: 'green', cancelled: 'default', defaulted: 'red', expired: 'default' };
export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={colours[status] ?? 'gold'}>{t.statuses[status] ?? status}</Tag>;
}

/** Party names for ids (operators and the admin may list parties); an id stays as it is until its name arrives. */
export function usePartyNames(enabled: boolean): (id: string) => string {
  const parties = useLoad(async () => {
    if (!enabled) return new Map<string, string>();
    const names = new Map<string, string>();
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await call(api.GET('/api/v1/parties', { params: { query: { cursor, limit: '100' } } }));
      for (const p of page.items) names.set(p.id, p.name);
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return names;
  }, [enabled]);
  const names = parties.data;
  return useCallback((id: string) => names?.get(id) ?? id, [names]);
}
