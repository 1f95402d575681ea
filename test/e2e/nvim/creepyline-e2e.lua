-- Headless Neovim (0.7.2, Debian 12) end-to-end test of the Creepyline language server over
-- stdio: a second, independent LSP client (push diagnostics only, no VS Code middleware).
-- Run by test/e2e/run-nvim.mjs:
--   nvim --headless --noplugin -n -i NONE -u creepyline-e2e.lua <file>  </dev/null
-- Env: CREEPYLINE_SERVER_CMD (tab-separated argv), CREEPYLINE_ROOT (workspace root),
--      CREEPYLINE_RULE (rule id expected), CREEPYLINE_NEEDLE (text of the flagged call),
--      E2E_TIMEOUT_MS (per step).
-- Exits with :cquit (non-zero) on any failure, :qall! after "NVIM E2E PASS".
local function out(s) io.stdout:write(s .. '\n') end
local finished = false
local function fail(msg)
  if finished then return end
  finished = true
  out('NVIM E2E FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

local timeout = tonumber(os.getenv('E2E_TIMEOUT_MS') or '20000')
local rule = os.getenv('CREEPYLINE_RULE') or 'tracking-without-consent'
local needle = os.getenv('CREEPYLINE_NEEDLE') or "gtag('event', 'purchase'"
local root = os.getenv('CREEPYLINE_ROOT')
local cmd = vim.split(os.getenv('CREEPYLINE_SERVER_CMD') or '', '\t', { trimempty = true })

-- Hard deadline so CI never hangs, whatever the server does.
vim.defer_fn(function() fail('global deadline of ' .. (timeout * 6) .. ' ms passed') end, timeout * 6)

local buf, client_id

local function lines() return vim.api.nvim_buf_get_lines(buf, 0, -1, false) end
local function text() return table.concat(lines(), '\n') end

--- 0-based line of the first line containing `s` (plain find), or nil.
local function line_of(s)
  for i, l in ipairs(lines()) do
    if l:find(s, 1, true) then return i - 1 end
  end
end

--- Creepyline diagnostics of `rule` in the buffer (code lives in user_data.lsp on 0.7).
local function rule_diags()
  local res = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local code = lsp.code or d.code
    if d.source == 'creepyline' and code == rule then table.insert(res, d) end
  end
  return res
end

local function describe_all()
  local parts = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(parts, string.format('%s/%s@%d', tostring(d.source), tostring(lsp.code or d.code), d.lnum + 1))
  end
  return #parts == 0 and 'none' or table.concat(parts, ', ')
end

local function wait_diag(present, what)
  local ok = vim.wait(timeout, function() return (#rule_diags() > 0) == present end, 50)
  if not ok then
    error(string.format('%s: expected %s %s diagnostic(s) within %d ms, got: %s',
      what, present and 'at least one' or 'no', rule, timeout, describe_all()))
  end
end

--- Code actions the server offers for diagnostic `d`. Neovim 0.7 keeps only code, data,
--- tags etc. in user_data.lsp; rebuild the LSP diagnostic from the 0-based vim fields.
local function code_actions(d)
  local extra = d.user_data and d.user_data.lsp or {}
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local lsp_diag = {
    range = range, message = d.message, severity = d.severity, source = d.source,
    code = extra.code, codeDescription = extra.codeDescription, data = extra.data, tags = extra.tags,
    relatedInformation = extra.relatedInformation,
  }
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout)
  if not responses then error('textDocument/codeAction failed: ' .. tostring(err)) end
  if os.getenv('E2E_DEBUG') then out('codeAction params: ' .. vim.inspect(params) .. '\nresponses: ' .. vim.inspect(responses)) end
  local actions = {}
  for _, resp in pairs(responses) do
    local e = resp.err or resp.error
    if e then error('textDocument/codeAction error: ' .. vim.inspect(e)) end
    for _, a in ipairs(resp.result or {}) do table.insert(actions, a) end
  end
  return actions
end

local function find_action(actions, pred)
  for _, a in ipairs(actions) do if pred(a) then return a end end
end

local function titles(actions)
  local t = {}
  for _, a in ipairs(actions) do table.insert(t, a.title) end
  return table.concat(t, ' | ')
end

--- Apply an action the way an editor does: resolve if needed, edit, then command.
local function apply(action)
  local client = vim.lsp.get_client_by_id(client_id)
  if not action.edit and not action.command then
    local provider = client.server_capabilities.codeActionProvider
    if type(provider) == 'table' and provider.resolveProvider then
      local r = client.request_sync('codeAction/resolve', action, timeout, buf)
      if not r or r.err or r.error then error('codeAction/resolve failed: ' .. vim.inspect(r)) end
      action = r.result
    end
  end
  if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16') end
  local command = type(action.command) == 'table' and action.command or nil
  if command then
    local r = client.request_sync('workspace/executeCommand', command, timeout, buf)
    if not r or r.err or r.error then error('workspace/executeCommand ' .. command.command .. ' failed: ' .. vim.inspect(r)) end
  end
  if not action.edit and not command then error('action "' .. action.title .. '" has neither edit nor command') end
end

local function run()
  buf = vim.api.nvim_get_current_buf()
  if vim.bo[buf].filetype == '' then vim.bo[buf].filetype = 'typescript' end
  if #cmd == 0 then error('CREEPYLINE_SERVER_CMD is empty') end
  if not line_of(needle) then error('fixture does not contain the needle: ' .. needle) end
  local original = lines()
  root = root or vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  local exited = nil
  client_id = vim.lsp.start_client({
    name = 'creepyline', cmd = cmd, root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  if not client_id then error('vim.lsp.start_client failed for: ' .. table.concat(cmd, ' ')) end
  vim.lsp.buf_attach_client(buf, client_id)
  if not vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (c ~= nil and c.initialized)
  end, 20) then error('server did not finish initialize within ' .. timeout .. ' ms') end
  if exited then error('server exited during startup: ' .. vim.inspect(exited)) end

  -- 1. diagnostics pushed by the server, on the line of the tracker call
  wait_diag(true, 'after open')
  local d = rule_diags()[1]
  local want_line = line_of(needle)
  out(string.format('diagnostic: %d:%d-%d:%d [%s] %s', d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1,
    tostring(d.source), d.message))
  if d.lnum ~= want_line then
    error(string.format('diagnostic on line %d, expected line %d (%s)', d.lnum + 1, want_line + 1, needle))
  end

  -- 2. the fixed set of code actions
  local actions = code_actions(d)
  out('code actions: ' .. titles(actions))
  local disable_line = find_action(actions, function(a) return a.title == 'Disable ' .. rule .. ' for this line' end)
  local disable_file = find_action(actions, function(a) return a.title == 'Disable ' .. rule .. ' for the entire file' end)
  local docs = find_action(actions, function(a) return a.title == 'Show documentation for ' .. rule end)
  local fix = find_action(actions, function(a)
    return a.title ~= nil and not a.title:find('^Disable ') and not a.title:find('^Show documentation')
      and not a.title:find('^Fix all') and (a.kind == nil or a.kind:find('^quickfix') ~= nil)
  end)
  if not disable_line then error('missing "Disable ' .. rule .. ' for this line"; got: ' .. titles(actions)) end
  if not disable_file then error('missing "Disable ' .. rule .. ' for the entire file"; got: ' .. titles(actions)) end
  if not docs then error('missing "Show documentation for ' .. rule .. '"; got: ' .. titles(actions)) end
  if not fix then error('missing the rule\'s fix (wrap in consent check); got: ' .. titles(actions)) end

  -- 3. suppress for this line: a directive comment appears and the diagnostic goes away
  apply(disable_line)
  if not text():find('creepyline-disable-next-line ' .. rule, 1, true) then
    error('no "creepyline-disable-next-line ' .. rule .. '" comment after applying; buffer:\n' .. text())
  end
  wait_diag(false, 'after "Disable for this line"')
  out('suppression applied, diagnostic gone')

  -- 4. restore the original text: the diagnostic comes back
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, original)
  wait_diag(true, 'after restoring the original text')
  d = rule_diags()[1]
  actions = code_actions(d)
  fix = find_action(actions, function(a) return a.title == fix.title end)
  if not fix then error('fix no longer offered after restore; got: ' .. titles(actions)) end

  -- 5. the rule's fix: the call is kept, now inside a consent check, and the finding is gone
  apply(fix)
  local after = text()
  out('after "' .. fix.title .. '":\n' .. after)
  if not after:find(needle, 1, true) then error('the fix removed the tracker call') end
  if after == table.concat(original, '\n') then error('the fix changed nothing') end
  wait_diag(false, 'after applying "' .. fix.title .. '"')
  out('fix applied, diagnostic gone')

  finished = true
  out('NVIM E2E PASS')
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = function()
  local ok, err = pcall(run)
  if not ok then fail(tostring(err)) end
end })
