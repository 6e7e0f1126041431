function mpc = fuzzseed
% A 3-bus case with every optional table the reader knows: dcline, gencost, bus_name.
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
	1	3	0	0	0	0	1	1	0	230	1	1.1	0.9;
	2	1	90	0	0	0	1	1	0	230	1	1.1	0.9;
	3	2	60	0	0	0	1	1	0	230	1	1.1	0.9;
];
mpc.gen = [
	1	100	0	50	-50	1	100	1	200	0	0	0	0	0	0	0	0	0	0	0	0;
	3	50	0	50	-50	1	100	1	Inf	0	0	0	0	0	0	0	0	0	0	0	0;
];
mpc.branch = [
	1	2	0.01	0.1	0	250	250	250	0	0	1	-360	360;
	2	3	0.01	0.1	0	250	250	250	1.05	-3	1	-360	360;
	1	3	0.01	-0.05	0	250	250	250	0	0	1	-360	360;
];
mpc.gencost = [
	2	0	0	3	0.01	20	0;
	1	0	0	2	0	100	1000;
];
mpc.dcline = [
	1	3	1	10	9	0	0	1	1	0	100	-50	50	-50	50	1	0.01;
];
mpc.bus_name = {
	'North';
	'Middle';
	'South';
};
