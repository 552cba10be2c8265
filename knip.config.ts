import type { KnipConfig } from "knip";

// Dead-code check, part of `npm test` (npm run knip).
const config: KnipConfig = {
  // src/lessons/index.ts: the lesson engine's public API, for the runner, the builder and the embed.
  entry: [
    "src/worker/*.ts",
    "src/lessons/index.ts",
    "src/live/index.ts",
    "scripts/*.{ts,mjs}",
    "lab/run.ts",
    "e2e/**/*.ts",
    "recipes/*/docs/**/*.js",
  ],
  project: ["src/**/*.{ts,tsx}", "scripts/**/*.{ts,mjs}", "e2e/**/*.ts", "lab/**/*.ts"],
  // mqtt-packet imports these without declaring them; the browser build needs them as direct
  // dependencies (shared/docs/stack.md).
  ignoreDependencies: ["buffer", "events"],
  // openssl: lab/transport/testing.ts makes the TLS tests' throwaway certificate (Debian ships it).
  // epmd: lab/brokers/rabbitmq.ts stops its RabbitMQ's own port mapper (Erlang, with rabbitmq-server).
  ignoreBinaries: ["apt-get", "taskset", "openssl", "epmd"],
  // A frozen copy of the hand-written parser the schema replaced, kept so a property test can
  // prove every scenario parses as before; its exports mirror the old module's on purpose.
  ignore: ["src/sim/scenario.legacy.testing.ts"],
  ignoreExportsUsedInFile: true,
};

export default config;
