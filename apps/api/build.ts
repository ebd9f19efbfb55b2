// `pnpm --filter @resonance/api build`: the API as one plain-JavaScript file, apps/api/dist/server.js,
// run with plain `node` (no tsx in production: tsx kills its child on SIGTERM, and transpiling at
// runtime costs memory and start time). Our own code and the workspace packages (@resonance/db,
// domain, contracts, the generated Prisma client) are bundled; every npm package stays external and
// is imported from where it is installed, so packages that load files beside themselves (PGlite's
// and Prisma's WebAssembly) work unchanged. The bundle therefore runs inside this installed
// repository (as the bench, `pnpm start` and the Docker image do), not copied elsewhere alone.
import { mkdirSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const apiDir = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(apiDir, 'dist');

/**
 * A bare import of an npm package is resolved at build time (with the importing package's own
 * dependencies, as Node would) and left external under its installed path, relative to the bundle:
 * the bundle imports `pg` from packages/db's dependencies although apps/api does not list it.
 */
const externalNodeModules: Plugin = {
  name: 'external-node-modules',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
      if (args.path.startsWith('@resonance/')) return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // Node built-ins imported without the node: prefix.
      if (resolved.external && !path.isAbsolute(resolved.path)) return { path: args.path, external: true };
      const relative = path.relative(outdir, realpathSync(resolved.path)).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
};

const result = await build({
  entryPoints: { server: path.join(apiDir, 'src/server.ts') },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Dynamically imported modules (the scheduler and pg-boss) become chunks loaded only when used.
  splitting: true,
  target: 'node20',
  sourcemap: true,
  // Stack traces name our functions; the bundle is read by people debugging a deployment.
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [externalNodeModules],
  write: false,
});

// Each file replaced in one step: a server started while another build runs (the e2e setup and an
// integration test may build at the same time) never reads a half-written bundle.
mkdirSync(outdir, { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}
// Chunks of earlier builds (their names carry a content hash).
const current = new Set(result.outputFiles.map((file) => path.basename(file.path)));
for (const name of readdirSync(outdir)) {
  if (!current.has(name) && !name.endsWith('.tmp')) rmSync(path.join(outdir, name), { force: true });
}

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(
  `built ${path.relative(process.cwd(), path.join(outdir, 'server.js'))} (${(bytes / 1024).toFixed(0)} KB with its source map)`,
);
