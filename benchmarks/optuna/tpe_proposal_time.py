# Optuna's TPESampler as a baseline for `sweep`'s `tpe` benchmark: milliseconds per ask+tell after 100 and 1,000
# completed trials, on the same 6-parameter space (2 log-uniform, 1 uniform, 1 int, 2 choices), with Optuna's default
# in-memory storage. Debian: apt-get install python3-optuna, then /usr/bin/python3 benchmarks/optuna/tpe_proposal_time.py
import time, optuna, random
optuna.logging.set_verbosity(optuna.logging.WARNING)
from optuna.distributions import FloatDistribution, IntDistribution, CategoricalDistribution
space = {"a": FloatDistribution(1e-4, 1, log=True), "b": FloatDistribution(1e-6, 1e-1, log=True), "c": FloatDistribution(0, 1),
         "d": IntDistribution(1, 64), "e": CategoricalDistribution(["x", "y", "z"]), "f": CategoricalDistribution(["p", "q"])}
for multivariate in (False, True):
    for told in (100, 1000):
        study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=1, multivariate=multivariate))
        rng = random.Random(0)
        trials = []
        for i in range(told):
            params = {"a": 10 ** rng.uniform(-4, 0), "b": 10 ** rng.uniform(-6, -1), "c": rng.random(), "d": rng.randint(1, 64), "e": rng.choice("xyz"), "f": rng.choice("pq")}
            trials.append(optuna.trial.create_trial(params=params, distributions=space, value=rng.random()))
        study.add_trials(trials)
        n = 20
        start = time.perf_counter()
        for _ in range(n):
            t = study.ask(space)
            study.tell(t, 0.5)
        ms = (time.perf_counter() - start) / n * 1000
        print(f"optuna {optuna.__version__} TPESampler multivariate={multivariate}, {told} told: {ms:.1f} ms per ask+tell")
