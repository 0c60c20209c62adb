// Bundles the dashboard into the folder named by the first argument: index.html as it is, app.css, and
// app.js (src/main.ts with Chart.js, minified, its licence comment kept). Run by the project's build
// (TradeGrpc.Dashboard.csproj) and by the Dockerfile's Node stage; esbuild strips the types without
// checking them, which ./test.sh does with tsc.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ? resolve(process.argv[2]) : join(here, 'dist');
await mkdir(out, { recursive: true });

const common = { bundle: true, minify: true, logLevel: 'warning', legalComments: 'eof', absWorkingDir: here };
await build({ ...common, entryPoints: ['src/main.ts'], outfile: join(out, 'app.js'), format: 'esm', target: 'es2022' });
await build({ ...common, entryPoints: ['dashboard.css'], outfile: join(out, 'app.css') });
await copyFile(join(here, 'index.html'), join(out, 'index.html'));
