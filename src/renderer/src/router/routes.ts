// The app's routes for vue-router, with their names and params typed for `useRoute`, `push` and `RouterLink`.
import type { RouteRecordInfo, RouteRecordRaw } from 'vue-router';

type NoParams = Record<never, never>;

/** Every named route: `push({ name: 'run', params: { id } })` is checked against this map. */
export interface RouteNamedMap {
  runs: RouteRecordInfo<'runs', '/runs', NoParams, NoParams>;
  'new-run': RouteRecordInfo<'new-run', '/runs/new', NoParams, NoParams>;
  run: RouteRecordInfo<'run', '/runs/:id', { id: string | number }, { id: string }>;
  grids: RouteRecordInfo<'grids', '/grids', NoParams, NoParams>;
  'new-grid': RouteRecordInfo<'new-grid', '/grids/new', NoParams, NoParams>;
  grid: RouteRecordInfo<'grid', '/grids/:id', { id: string | number }, { id: string }>;
  sweeps: RouteRecordInfo<'sweeps', '/sweeps', NoParams, NoParams>;
  'new-sweep': RouteRecordInfo<'new-sweep', '/sweeps/new', NoParams, NoParams>;
  sweep: RouteRecordInfo<'sweep', '/sweeps/:id', { id: string | number }, { id: string }>;
  compare: RouteRecordInfo<'compare', '/compare', NoParams, NoParams>;
  'side-by-side': RouteRecordInfo<'side-by-side', '/side-by-side', NoParams, NoParams>;
  reproduce: RouteRecordInfo<'reproduce', '/reproduce', NoParams, NoParams>;
  'not-found': RouteRecordInfo<'not-found', '/:pathMatch(.*)*', { pathMatch: string | string[] }, { pathMatch: string[] }>;
}

declare module 'vue-router' {
  interface TypesConfig {
    RouteNamedMap: RouteNamedMap;
  }
}

export type RouteName = keyof RouteNamedMap;

// Every page loads on first visit (its own chunk), which also keeps this file importable from plain vitest.
// NOTE: ids are digits only, so "/runs/new" can never be read as a run id whatever the ranking.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: { name: 'runs' } },
  { path: '/runs', name: 'runs', component: () => import('../views/RunsView.vue') },
  { path: '/runs/new', name: 'new-run', component: () => import('../views/NewRunView.vue') },
  { path: '/runs/:id(\\d+)', name: 'run', component: () => import('../views/RunView.vue') },
  { path: '/grids', name: 'grids', component: () => import('../views/GridsView.vue') },
  { path: '/grids/new', name: 'new-grid', component: () => import('../views/NewGridView.vue') },
  { path: '/grids/:id(\\d+)', name: 'grid', component: () => import('../views/GridView.vue') },
  { path: '/sweeps', name: 'sweeps', component: () => import('../views/SweepsView.vue') },
  { path: '/sweeps/new', name: 'new-sweep', component: () => import('../views/NewSweepView.vue') },
  { path: '/sweeps/:id(\\d+)', name: 'sweep', component: () => import('../views/SweepView.vue') },
  { path: '/compare', name: 'compare', component: () => import('../views/CompareView.vue') },
  { path: '/side-by-side', name: 'side-by-side', component: () => import('../views/SideBySideView.vue') },
  { path: '/reproduce', name: 'reproduce', component: () => import('../views/ReproduceView.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue') },
];
