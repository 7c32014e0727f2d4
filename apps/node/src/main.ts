// Entry point: `tsx apps/node/src/main.ts --port 4101 --name Bank ...`
import { onShutdownSignal, runMain } from '@concord/service';
import { loadNodeConfig } from './env.ts';
import { firstRunMessage, startNode } from './server.ts';

await runMain('concord-node', async () => {
  const node = await startNode(loadNodeConfig());
  // Printed, not logged: the one-time code belongs on the operator's terminal only.
  if (node.firstRun) process.stdout.write(firstRunMessage(node.url, node.firstRun));
  onShutdownSignal(node.logger, node.stop);
});
