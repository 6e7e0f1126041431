function mpc = case9
%CASE9  WSCC 3-machine, 9-bus system, transcribed for gridtool.
%   Network and operating point as published in:
%     P. M. Anderson and A. A. Fouad, "Power System Control and Stability",
%     Iowa State University Press, 1977, Fig. 2.18 (WSCC 9-bus system),
%   and in J. H. Chow (ed.), "Time-Scale Modeling of Dynamic Networks with
%   Applications to Power Systems", Springer, 1982, p. 70.
%   Impedances in per-unit on 100 MVA; loads in MW/MVAr. Ratings (RATE_A)
%   are illustrative limits chosen for gridtool's tests, not part of the
%   publication.

%% MATPOWER Case Format : Version 2
mpc.version = '2';
mpc.baseMVA = 100;

%% bus data
%	bus_i	type	Pd	Qd	Gs	Bs	area	Vm	Va	baseKV	zone	Vmax	Vmin
mpc.bus = [
	1	3	0	0	0	0	1	1.04	0	345	1	1.1	0.9;
	2	2	0	0	0	0	1	1.025	0	345	1	1.1	0.9;
	3	2	0	0	0	0	1	1.025	0	345	1	1.1	0.9;
	4	1	0	0	0	0	1	1	0	345	1	1.1	0.9;
	5	1	125	50	0	0	1	1	0	345	1	1.1	0.9;
	6	1	90	30	0	0	1	1	0	345	1	1.1	0.9;
	7	1	0	0	0	0	1	1	0	345	1	1.1	0.9;
	8	1	100	35	0	0	1	1	0	345	1	1.1	0.9;
	9	1	0	0	0	0	1	1	0	345	1	1.1	0.9;
];

%% generator data (Anderson & Fouad load-flow dispatch: 71.6, 163, 85 MW)
%	bus	Pg	Qg	Qmax	Qmin	Vg	mBase	status	Pmax	Pmin
mpc.gen = [
	1	71.6	27.0	300	-300	1.04	247.5	1	250	10;
	2	163	6.7	300	-300	1.025	192	1	300	10;
	3	85	-10.9	300	-300	1.025	128	1	270	10;
];

%% branch data (generator step-up transformers 1-4, 2-7, 3-9; lines between)
%	fbus	tbus	r	x	b	rateA	rateB	rateC	ratio	angle	status	angmin	angmax
mpc.branch = [
	1	4	0	0.0576	0	250	250	250	0	0	1	-360	360;
	4	5	0.010	0.085	0.176	250	250	250	0	0	1	-360	360;
	5	7	0.032	0.161	0.306	150	150	150	0	0	1	-360	360;
	4	6	0.017	0.092	0.158	250	250	250	0	0	1	-360	360;
	6	9	0.039	0.170	0.358	150	150	150	0	0	1	-360	360;
	7	8	0.0085	0.072	0.149	250	250	250	0	0	1	-360	360;
	8	9	0.0119	0.1008	0.209	150	150	150	0	0	1	-360	360;
	2	7	0	0.0625	0	250	250	250	0	0	1	-360	360;
	3	9	0	0.0586	0	300	300	300	0	0	1	-360	360;
];
