/**
 * What `npm run lab`'s command line reads from the process beyond its arguments: the environment
 * (MQTT_USERNAME, MQTT_PASSWORD) and, with --ask-password, a password typed on the terminal without
 * echo. Tests pass their own.
 */
export interface LabIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a password without showing it; rejects when there is no terminal to ask on. */
  askPassword: (prompt: string) => Promise<string>;
}

/** A password from the terminal: raw mode, nothing echoed, Enter ends, Ctrl-C cancels, Backspace erases. */
function askPasswordOnTty(prompt: string): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  if (!input.isTTY)
    return Promise.reject(
      new Error("--ask-password needs a terminal; set MQTT_PASSWORD in the environment instead"),
    );
  return new Promise((resolve, reject) => {
    let password = "";
    const finish = (error?: Error) => {
      input.removeListener("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
      if (error === undefined) resolve(password);
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") return finish(new Error("password prompt cancelled"));
        if (ch === "\u007f" || ch === "\b") password = password.slice(0, -1);
        else if (ch >= " ") password += ch;
      }
    };
    output.write(prompt);
    input.setEncoding("utf8");
    input.setRawMode(true);
    input.resume();
    input.on("data", onData);
  });
}

export const processIo: LabIo = { env: process.env, askPassword: askPasswordOnTty };
