from riskframe.cli import main

main()
