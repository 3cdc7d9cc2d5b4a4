FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# The pure rules are an npm workspace (the web app imports them as a package).
COPY libs/rules/package.json libs/rules/
RUN npm ci --loglevel=warn --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --loglevel=warn

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
COPY --from=build /app/seeds/plans ./seeds/plans
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
