// Type-checks each layer with only the types it may use (docs/architecture.md): core and shared without DOM or
// Node, the renderer with DOM and no Node, the application (src/app, the CLI) with Node and no DOM, the Electron
// shell with Node; then everything with tests and scripts. A layer that reaches for another's globals fails here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const layers = ['tsconfig.core.json', 'tsconfig.renderer.json', 'tsconfig.app.json', 'tsconfig.main.json', 'tsconfig.json'];
for (const project of layers) {
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`[typecheck] ${project} failed`);
    process.exit(run.status ?? 1);
  }
}
console.log(`[typecheck] ${layers.length} projects clean`);
