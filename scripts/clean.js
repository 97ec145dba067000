// Removes dist/ before a build so no stale file is packed.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
