from desktop_app.bench.runner import main

raise SystemExit(main())
