from cjm.program import main

main()
