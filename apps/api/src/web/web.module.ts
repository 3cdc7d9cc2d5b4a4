import { join } from 'node:path';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { NextFunction, Request, Response } from 'express';
import { findWebBuild } from './web-directory';

/** Paths the web app never answers: the API (its own 404s are problem+json) and the OpenAPI page. */
const SERVER_PATHS = /^\/(api|docs)(\/|$|-json|-yaml)/;

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>协同 Xietong</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>协同 Xietong</h1>
<p>网页应用尚未构建：请在仓库根目录运行 <code>npm run build</code>，然后刷新本页。</p>
<p>The web app has not been built: run <code>npm run build</code> at the repository root, then reload.</p>
<p>API: <a href="/docs">/docs</a></p>
</body></html>`;

/**
 * Serves the built web app (dist/web) at `/`, with index.html for every other path so that
 * links such as /work-items/:id open the app. Registered after Nest's routes (module init runs
 * after the router) and before its not-found handler, so the API keeps priority.
 */
@Module({})
export class WebModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<express.Express>();
    let directory: string | null = null;
    let serveFiles: express.Handler | null = null;

    app.use((request: Request, response: Response, next: NextFunction) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path))
        return next();
      // Looked up until found, so a build made while the server runs is picked up.
      directory ??= findWebBuild();
      if (!directory) {
        response.status(503).type('html').send(MISSING_BUILD_PAGE);
        return;
      }
      serveFiles ??= express.static(directory, {
        index: false,
        // Vite names assets by content hash, so they never change; anything else is revalidated.
        setHeaders: (res, path) =>
          res.setHeader(
            'Cache-Control',
            /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      });
      const webRoot = directory;
      serveFiles(request, response, () => {
        // Not a file: a route of the app. index.html must not be cached, or a new build is missed.
        response.setHeader('Cache-Control', 'no-cache');
        response.sendFile(join(webRoot, 'index.html'));
      });
    });
  }
}
