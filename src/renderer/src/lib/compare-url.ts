// The compare page's state in its URL (shareable, kept on reload): runs, panels, x axis, grouping and smoothing.
import type { LocationQuery } from 'vue-router';
import { queryString } from '../router/query';
import type { XMode } from './compare-axis';

export interface ComparePanelState {
  readonly key: string;
  readonly log: boolean;
}

export interface CompareState {
  readonly ids: readonly number[];
  readonly panels: readonly ComparePanelState[];
  readonly x: XMode;
  /** A column id to group runs by (mean ± std bands), or null. */
  readonly group: string | null;
  readonly smoothing: number;
}

export const DEFAULT_PANELS: readonly ComparePanelState[] = [
  { key: 'test/accuracy', log: false },
  { key: 'train/loss', log: false },
];
/** Panels a page holds at most. */
export const MAX_PANELS = 12;

const KEY = /^[\w./-]{1,128}$/;
const COLUMN = /^[A-Za-z_]\w*(\.\w+)*$/;

export function readCompareState(query: LocationQuery): CompareState {
  const ids = (queryString(query.ids) ?? '')
    .split(',')
    .map(Number)
    .filter((n, i, all) => Number.isInteger(n) && n > 0 && all.indexOf(n) === i);
  const panelText = queryString(query.panels);
  const panels = panelText
    ? panelText
        .split(',')
        .map((p) => ({ key: p.replace(/:log$/, ''), log: p.endsWith(':log') }))
        .filter((p) => KEY.test(p.key))
        .slice(0, MAX_PANELS)
    : DEFAULT_PANELS;
  const x = queryString(query.x);
  const group = queryString(query.group);
  const smoothing = Number(queryString(query.smooth) ?? 0.6);
  return {
    ids,
    panels,
    x: x === 'step' || x === 'time' ? x : 'epoch',
    group: group && COLUMN.test(group) ? group : null,
    smoothing: Number.isFinite(smoothing) && smoothing >= 0 && smoothing < 1 ? smoothing : 0.6,
  };
}

/** The URL query for `state`; defaults are left out so plain links stay short. */
export function compareQuery(state: CompareState): Record<string, string | undefined> {
  const panels = state.panels.map((p) => `${p.key}${p.log ? ':log' : ''}`).join(',');
  const defaults = DEFAULT_PANELS.map((p) => p.key).join(',');
  return {
    ids: state.ids.join(',') || undefined,
    panels: panels === defaults ? undefined : panels,
    x: state.x === 'epoch' ? undefined : state.x,
    group: state.group ?? undefined,
    smooth: state.smoothing === 0.6 ? undefined : String(state.smoothing),
  };
}
