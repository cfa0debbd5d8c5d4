const jsonData = [
    {
        department: 'Company',
        okrs: [
            {
                objective: 'Achieve record year over year revenues while maintaining healthy profitablility',
                keyResults: [
                    { text: 'Hit monthly revenue of $1,750,000 in September', goal: 1750000 },
                    { text: 'Hit monthly profitability above $25,000', goal: 25000 }
                ]
            },
            {
                objective: 'Increase customer happiness',
                keyResults: [
                    { text: 'Maintain overall Shopper Approved average of 4.8 each week of the month', goal: 4 },
                    { text: 'Increase return customer rate by 5%', goal: 5 },
                    { text: 'Increase average Net Promoter Score by 10%', goal: 10 }
                ]
            },
            // [...] (first objective repeated)
        ]
    },
    {
        department: 'Dev',
        okrs: [
            { objective: 'Write Cleaner Code',
              keyResults: [ { text: 'Refactor 5 Methods in Admin.signs.com to eliminate duplicate code', goal: 5 },
                            { text: 'Set up 3 Code Reviews per sprint', goal: 12 } ] },
            { objective: 'Implement Unit Testing for Admin',
              keyResults: [ { text: 'Implement 7 unit tests per spring', goal: 28 } ] },
            { objective: 'Create Coding Standards',
              keyResults: [ { text: '10 Common Naming schemes for Methods', goal: 10 },
                            { text: '10 Common Naming for variables', goal: 10 },
                            { text: '10 Javascript Standards', goal: 10 } ] }
        ]
    },
    // [...] (department 'CX' repeats the Company OKRs)
]
