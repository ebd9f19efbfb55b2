# Resonance API. Build from the repository root: docker build -f docker/api.Dockerfile .
FROM node:20-bookworm-slim AS deps
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
# The API as plain JavaScript (apps/api/dist); it imports its npm packages from /app/node_modules.
RUN pnpm --filter @resonance/api build

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps --chown=node:node /app /app
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=3001
EXPOSE 3001
USER node
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3001/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Plain node as the container's main process: SIGTERM (docker stop) reaches the server, which lets
# requests in flight finish before it exits.
CMD ["node", "apps/api/dist/server.js"]
