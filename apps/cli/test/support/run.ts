// Runs one `concord …` command line in-process, capturing stdout and stderr; env is what a shell would export.
import { Writable } from 'node:stream';
import { GROUPS } from '../../src/commands/index.ts';
import { dispatch } from '../../src/framework.ts';

export async function concord(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _e, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await dispatch(GROUPS, argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env,
  });
  return { code, stdout, stderr };
}
