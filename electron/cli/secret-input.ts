import { createInterface } from 'node:readline';
import { UsageError } from './command';

/**
 * A password or PIN for the command line: the first line of standard input with --password-stdin (scripts), else
 * asked for on the terminal without echo. Never an argument: other users of the machine can list arguments.
 * `input` is the process's standard input; tests give a stream instead.
 */
export async function readSecret(
  fromStdin: boolean,
  prompt: string,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  if (!fromStdin && !(input as { isTTY?: boolean }).isTTY)
    throw new UsageError('No terminal to ask for the password on: pipe it in with --password-stdin');
  const rl = createInterface({
    input,
    output: fromStdin ? undefined : process.stderr,
    terminal: !fromStdin,
  });
  try {
    if (!fromStdin) {
      process.stderr.write(prompt);
      // Nothing typed is echoed: readline writes through _writeToOutput, which we silence while the secret is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    const line = await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new UsageError('No password was given')));
    });
    if (!fromStdin) process.stderr.write('\n');
    return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
}
