// Reproducible build of the dashboard: src/ and the pinned npm packages (package-lock.json) ->
// public/app.js and public/app.css, committed, so that neither the daemon, CI nor a user needs
// npm. Run `npm ci && npm run build` in dashboard/ after changing src/.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const common = { bundle: true, minify: true, legalComments: 'eof', logLevel: 'warning', target: ['es2020'] };
await build({ ...common, entryPoints: ['src/main.js'], outfile: 'public/app.js', format: 'iife', platform: 'browser' });
await build({ ...common, entryPoints: ['src/style.css'], outfile: 'public/app.css' });

for (const file of ['public/index.html', 'public/app.js', 'public/app.css']) {
  const bytes = readFileSync(file);
  console.log(`${file}: ${bytes.length} bytes, ${gzipSync(bytes, { level: 9 }).length} gzip`);
}
