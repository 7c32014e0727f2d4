// Entry point: `tsx apps/node/src/main.ts --port 4101 --name Bank ...`
import { onShutdownSignal, runMain } from '@concord/service';
import { loadNodeConfig } from './env.ts';
import { startNode } from './server.ts';

await runMain('concord-node', async () => {
  const node = await startNode(loadNodeConfig());
  onShutdownSignal(node.logger, node.stop);
});
