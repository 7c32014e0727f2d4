// Entry point: `tsx apps/cleanroom/src/main.ts --port 4000`
import { onShutdownSignal, runMain } from '@concord/service';
import { loadCleanroomConfig } from './env.ts';
import { startCleanroom } from './server.ts';

await runMain('concord-cleanroom', async () => {
  const cleanroom = await startCleanroom(loadCleanroomConfig());
  onShutdownSignal(cleanroom.logger, cleanroom.stop);
});
