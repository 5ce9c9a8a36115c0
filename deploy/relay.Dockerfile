# The relay as a container: the repository's lockfile, installed with npm ci, started with tsx.
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
CMD ["node", "node_modules/tsx/dist/cli.mjs", "relay/src/main.ts"]
