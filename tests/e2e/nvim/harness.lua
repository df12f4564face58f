-- What every Neovim e2e script shares: `out` collects checks, `check` records one, `finish`
-- prints `out` as one JSON line, stops the LSP clients and exits (0 when every check passed).
--   local H = dofile(repo .. '/tests/e2e/nvim/harness.lua')
--   local check, finish = H.start(out)
local M = {}

-- vim.lsp.get_clients is 0.10+; 0.7 has get_active_clients.
M.get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients

function M.start(out)
  out.checks = out.checks or {}
  local function check(name, ok, detail)
    out.checks[#out.checks + 1] = { name = name, ok = ok and true or false, detail = detail }
    return ok
  end
  local function finish()
    local ok = #out.checks > 0
    for _, c in ipairs(out.checks) do ok = ok and c.ok end
    out.ok = ok
    io.stdout:write(vim.json.encode(out) .. '\n')
    io.stdout:flush()
    for _, c in pairs(M.get_clients()) do pcall(vim.lsp.stop_client, c.id, true) end
    vim.wait(500, function() return #M.get_clients() == 0 end, 20)
    vim.cmd(ok and 'qall!' or 'cquit! 1')
  end
  return check, finish
end

return M
