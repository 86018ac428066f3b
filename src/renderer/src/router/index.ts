// The app's router: vue-router over the URL hash ("#/runs/12?tab=weights").
// Hash URLs work the same from file:// (the Electron window) and from the web server's root.
import { createRouter, createWebHashHistory, type Router, type RouterHistory } from 'vue-router';
import { routes } from './routes';

/** The router for `app.use`; tests pass `createMemoryHistory()`. */
export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  return createRouter({ history, routes });
}
