# The app image: API (`npm start`), indexer (`npm run index`) and the key bootstrap share it.
FROM node:20-bookworm-slim

# better-sqlite3 (the embedded engine) builds from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: the lockfile was written against a registry that lacks other
# platforms' optional binaries, which npm ci would report as "missing from lock file".
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .
# Mount points owned by the app user, so named volumes start writable for it.
RUN mkdir -p /keys /app/data && chown node:node /keys /app/data

USER node
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["npm", "start"]
