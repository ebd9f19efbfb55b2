# Resonance web app. Build from the repository root: docker build -f docker/web.Dockerfile .
FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN pnpm install --frozen-lockfile && pnpm --filter @resonance/web build

FROM node:20-bookworm-slim
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY --from=build --chown=node:node /app /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
EXPOSE 3000
USER node
CMD ["pnpm", "--filter", "@resonance/web", "start", "--hostname", "0.0.0.0", "--port", "3000"]
