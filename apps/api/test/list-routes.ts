import { TestApp } from './create-test-app';

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Every API route Express knows, read from its router so a new controller cannot slip past the
 * specs that walk them. Express's own catch-alls ({*path}) only ever answer 404 and are left out.
 */
export function listApiRoutes(t: TestApp): { method: RouteMethod; path: string }[] {
  const router = t.app.getHttpAdapter().getInstance().router as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap((layer) =>
    layer.route && layer.route.path.startsWith('/api/') && !layer.route.path.includes('{*')
      ? Object.keys(layer.route.methods)
          .filter((method): method is RouteMethod =>
            ['get', 'post', 'put', 'patch', 'delete'].includes(method),
          )
          .map((method) => ({ method, path: layer.route!.path }))
      : [],
  );
}
