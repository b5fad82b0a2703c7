-- Minimal Neovim configuration for the end-to-end check of `daglint server`
-- (see ../nvim-e2e.sh). It starts the server for the opened Python file,
-- waits for its diagnostics, applies the preferred quick fix, asks for a
-- hover, and writes what it saw to $DAGLINT_E2E_OUT.
local daglint = vim.env.DAGLINT or 'daglint'
local out_path = assert(vim.env.DAGLINT_E2E_OUT, 'DAGLINT_E2E_OUT is not set')
local timeout = 60000 -- only to fail instead of hanging
local lines = {}

local function say(s)
  table.insert(lines, s)
end

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(table.concat(lines, '\n') .. '\n')
  f:close()
  vim.cmd('qa!')
end

local severities = { 'error', 'warning', 'info', 'hint' }

local function dump(bufnr, title)
  say(title)
  local rows = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local row = string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, d.code, severities[d.severity])
    -- Related locations in another file (a value imported from a module).
    local lsp = d.user_data and d.user_data.lsp or {}
    for _, ri in ipairs(lsp.relatedInformation or {}) do
      local uri = ri.location.uri
      if uri ~= vim.uri_from_bufnr(bufnr) then
        row = row .. string.format(' related %s:%d', vim.fn.fnamemodify(vim.uri_to_fname(uri), ':.'), ri.location.range.start.line + 1)
      end
    end
    table.insert(rows, row)
  end
  table.sort(rows)
  for _, r in ipairs(rows) do
    say(r)
  end
end

local function start(bufnr)
  local config = { name = 'daglint', cmd = { daglint, 'server' }, root_dir = vim.fn.getcwd() }
  if vim.lsp.start then -- Neovim 0.8 and later
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = vim.lsp.start_client(config) -- Neovim 0.7
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function DaglintE2E()
  local bufnr = vim.api.nvim_get_current_buf()
  local id = start(bufnr)
  local client = vim.lsp.get_client_by_id(id)
  if not vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    say('no diagnostics within the timeout')
    return finish()
  end
  dump(bufnr, 'diagnostics:')

  -- The preferred quick fix of DAG202.
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'DAG202' then target = d end
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = target.lnum, character = 0 }, ['end'] = { line = target.lnum + 1, character = 0 } },
    context = { diagnostics = {} },
  }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
  local applied
  for _, r in pairs(res or {}) do
    for _, action in ipairs(r.result or {}) do
      if action.isPreferred and not applied then
        applied = action.title
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      end
    end
  end
  say('applied: ' .. tostring(applied))
  local function has_typo()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'DAG202' then return true end
    end
    return false
  end
  if not vim.wait(timeout, function() return not has_typo() end, 50) then
    say('the fix did not clear DAG202 within the timeout')
    return finish()
  end
  dump(bufnr, 'after the fix:')
  say('line 6: ' .. vim.api.nvim_buf_get_lines(bufnr, 5, 6, false)[1])

  -- Hover on the first DAG102.
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'DAG102' and d.lnum == 5 then target = d end
  end
  local hp = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = {
      line = target.lnum,
      character = vim.lsp.util.character_offset(bufnr, target.lnum, target.col + 1, client.offset_encoding),
    },
  }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', hp, timeout)
  for _, r in pairs(hover or {}) do
    if r.result then
      say('hover: ' .. vim.split(r.result.contents.value, '\n')[1])
    end
  end
  say('offset encoding: ' .. client.offset_encoding)
  vim.lsp.stop_client(id)
  finish()
end
