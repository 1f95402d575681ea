# Sourced by tools/e2e/install.sh. When install.sh is reached through npm scripts (`npm test` →
# test:e2e → test/e2e/ensure-clients.sh), the outer npm's environment leaks into the inner npm
# calls: npm_config_user_agent still names the outer Node 20, and code-server's postinstall reads
# the Node version from it and refuses to run ("code-server currently requires node v24").
# npm_lifecycle_*, npm_package_*, NODE and INIT_CWD describe the outer project, not tools/e2e.
# Unset them all so the inner npm calls start as they do from a plain shell; npm re-reads its
# own configuration files (registry, CA file, nodedir) by itself.
while IFS= read -r _creepyline_var; do
  unset "$_creepyline_var"
done < <(compgen -e | grep -E '^(npm_|NPM_|NODE$|INIT_CWD$)' || true)
unset _creepyline_var
